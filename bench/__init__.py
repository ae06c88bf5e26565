"""Benchmarks: print figures (server time, DynamoDB calls, checkout throughput). Not part of `make test`."""
