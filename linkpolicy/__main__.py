from linkpolicy.cli import main

main()
