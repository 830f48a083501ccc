from notekit.cli import main

main()
