import sys

from foi.synth.command import main

sys.exit(main(sys.argv[1:]))
