"""Publishing: an executed notebook rendered as HTML, PDF and Word, and the index page."""
