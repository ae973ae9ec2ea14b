"""Writes: the ORM, one module per aggregate. Each function works inside the caller's session
(``Store.session()``: one transaction), so that a use-case writing several aggregates commits
them together or not at all. Values arrive checked (the services validate with the domain)."""
