"""The site on disk: the one writer (``writer``), which builds into a fresh folder and swaps it in
whole; the working folders beside the output and their locks (``folders``); and the marker that
says whether a folder is a site a build may replace (``marker``)."""
