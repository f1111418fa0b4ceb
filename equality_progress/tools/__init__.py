"""Tools that reports never import: the sample-data generator, the synthetic HR export, and
the scaffolds of a project (`new`) and an authority (`init`)."""
