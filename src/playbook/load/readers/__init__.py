"""The evaluation readers behind ``load/evals.py``, one room per part:

- ``options.py``: the brief's ``eval_field``, ``eval_pass``, ``eval_where``, ``eval_slice`` —
  their grammar, schema types and parsed form;
- ``tools.py``: what each tool's cases mean (promptfoo, Inspect AI, DeepEval, lm-eval, rows);
- ``verdicts.py``: whether one value is a pass, a fail or no verdict;
- ``tally.py``: counting the cases of one file, overall and by slice, and its problems;
- ``counts.py``: what a reading gives (``Evaluation``, ``SliceCount``);
- ``rows.py``, ``documents.py``, ``evallog.py`` + ``zipped.py``: the readers of JSON Lines and
  CSV, of one JSON document, and of Inspect AI's zipped ``.eval`` log.
"""
