"""Run every benchmark in this folder (`make bench`)."""
print("No benchmarks yet.")
