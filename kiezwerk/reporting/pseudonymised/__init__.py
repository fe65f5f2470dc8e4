"""The pseudonymised evaluation export: a ZIP of CSV files for the agency's evaluators.

`pseudonyms` makes the keyed pseudonyms, `tables` says which columns of which records go into
each file (an explicit allow-list: no names, contacts, addresses or free text), `archive`
writes the ZIP with its codebook and README, `views` serves the page and the download.
"""
