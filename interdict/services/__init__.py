"""The use cases: the one door the interfaces (cli, api, web) use.

One module per family (screening, matching, payments, tracing, cases, lists). Each takes typed
requests and returns typed results or the JSON-ready dicts the CLI prints, the API serialises and
the web page renders. Heavy engines are imported inside functions so that `interdict --help` stays
fast (tests/cli/test_startup.py).
"""
