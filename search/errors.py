class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused to answer in time."""
