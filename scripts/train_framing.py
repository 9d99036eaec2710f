"""Retrains the shipped framing models from the PTC corpus: see frontwire.framing.train."""

import sys

from frontwire.framing.train import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
