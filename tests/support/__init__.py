"""What the tests share that is not a test: the valid brief and its variations, hostile inputs,
a scripted git history, checks of built sites and HTML, and growth timing."""
