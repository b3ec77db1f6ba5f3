"""The web page: server-rendered templates over the case store and engines."""
