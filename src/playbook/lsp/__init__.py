"""``playbook lsp``: a language server for briefs, pages and ``playbook.yaml``, on pygls (the
optional extra ``pip install 'opportunity-playbook[lsp]'``). It runs the analysis ``check`` runs
over the editor's unsaved buffers, so its diagnostics are ``check``'s: same codes, messages and
positions, cross-file ones too. ``project`` keeps the workspace and its analysis, ``context``
reads where the cursor is in front matter, ``features`` answers completion, hover and code
actions, and ``server`` wires them to the protocol."""
