from pubdedup.cli import main

main()
