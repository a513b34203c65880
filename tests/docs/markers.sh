# Generated tables pasted into a document between two marker lines (sourced by the docs tests).
# has_markers FILE BEGIN END: each marker stands once, as a whole line.
has_markers() {
  [ "$(grep -cxF "$2" "$1")" = 1 ] && [ "$(grep -cxF "$3" "$1")" = 1 ]
}
# between_markers FILE BEGIN END: the lines between the markers.
between_markers() {
  awk -v b="$2" -v e="$3" '$0 == e { inside = 0 } inside { print } $0 == b { inside = 1 }' "$1"
}
