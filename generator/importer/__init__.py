"""Import posts from subscribed RSS and Atom feeds into reviews/posts/.

Roles: fetch (HTTP with limits), guard (refuse entity declarations), parse (feedparser on
bytes), clean (sanitize hostile text and URLs), matching (company names in text), store
(atomic, loss-free post files and the conditional-GET state), pipeline (ties them together),
report (progress and the summary table).
"""
