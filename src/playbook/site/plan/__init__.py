"""The plan of one version of the site, before anything is rendered: every page with its template
and context (``pages``), the parts a plan is made of (``planned``), the Markdown bodies rendered
when first shown (``bodies``), the data files (``data``, ``feeds``), and all of it assembled from
one analysis (``parts``)."""
