"""Reading many objects at once: the collector paused, and a command-line run that ends
at once without losing a byte of its output or its exit status."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from ccfacil.storage import bulk


def test_the_collector_is_paused_and_given_back():
    assert gc.isenabled()
    with bulk.paused_gc():
        assert not gc.isenabled()
        with bulk.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # still paused: the outer step is not over
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk.paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_outside_a_command_line_run_nothing_is_kept_or_frozen():
    bulk.short_lived(False)
    frozen = gc.get_freeze_count()
    with bulk.paused_gc():
        made = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == frozen
    bulk.keep(made)
    assert bulk._kept == []
    assert bulk.end(0) is None  # the app's exit is Python's own


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=60)


def test_a_short_lived_run_ends_with_its_output_and_status():
    done = run("""
        import sys
        from ccfacil.storage import bulk
        bulk.short_lived()
        with bulk.paused_gc():
            bulk.keep([[n] for n in range(100_000)])
        sys.stdout.write("no newline at the end")
        sys.stderr.write("said on stderr")
        bulk.end(3)
        print("never reached")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (3, "no newline at the end",
                                                           "said on stderr")


def test_an_exit_handler_or_a_message_gets_the_usual_exit():
    done = run("""
        import atexit, sys
        from ccfacil.storage import bulk
        bulk.short_lived()
        atexit.register(lambda: print("handler ran"))
        bulk.end(0)
        bulk.short_lived(False)
        sys.exit(0)
    """)
    assert (done.returncode, done.stdout) == (0, "handler ran\n")
    done = run("""
        from ccfacil.storage import bulk
        bulk.short_lived()
        bulk.end("a message")
        raise SystemExit("a message")
    """)
    assert (done.returncode, done.stderr) == (1, "a message\n")
