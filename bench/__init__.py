"""The speed-and-scale benchmark behind `foi bench` (entry point: foi/bench.py).

    runner.py   corpora, one process per measured phase, memory sampled from outside
    phases.py   the measured work: plain loop, bare libraries, Prefect flow, classifier
    bare.py     the same files read by the parsing libraries alone
    procs.py    memory and CPU of a process tree, from /proc
    report.py   figures, targets, the printed report
    prefect_tasks.py   what one Prefect task costs, option by option (python -m bench.prefect_tasks)
"""
