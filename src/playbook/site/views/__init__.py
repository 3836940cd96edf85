"""What templates see of an analysis: the theme API's frozen views (``api``), the views of every
brief with their groups and links (``briefs``), the criteria's findings, the history's changes,
and the quadrant chart."""
