from pubdedup.cli import run

run()
