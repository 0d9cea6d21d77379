#!/usr/bin/env python3
"""Creates the scan benchmark tree: N empty files spread evenly over F folders (names like a camera card)."""
import os
import sys

root, files, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = files // folders
for d in range(folders):
    folder = os.path.join(root, "shoot %03d" % (d // 100), "A%03dR%03d" % (d % 100, d))
    os.makedirs(folder, exist_ok=True)
    for f in range(per):
        open(os.path.join(folder, "A%03dC%04d_take.mov" % (d % 1000, f)), "wb").close()
print("created %d files in %d folders under %s" % (per * folders, folders, root))
