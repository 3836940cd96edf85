"""Markdown to HTML: the reference engine (markdown-it-py with our plugins, the definition of the
output), the accelerator (markdown-it-pyrs, the same bytes), and the screen that says which
documents the accelerator hands back to the reference."""
