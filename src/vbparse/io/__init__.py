"""Input and output: many reports at once, frames, exports, page maps and the command line."""
