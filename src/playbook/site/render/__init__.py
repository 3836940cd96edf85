"""Rendering through the theme: the project's theme over the default one, template by template,
with its static assets (``theme``), and one planned page rendered to HTML, with any failure of its
template named by file and line (``page``)."""
