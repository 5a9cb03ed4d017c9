"""The labelled evaluation set for matching, and builders shared by the matching tests."""
