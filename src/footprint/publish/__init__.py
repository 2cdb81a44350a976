"""Publishing: exports in open formats, imports of Footprint's own exports, releases with
manifests and changelogs, and self-contained reports (HTML and PDF)."""
