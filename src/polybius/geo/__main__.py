from polybius.geo import main

main()
