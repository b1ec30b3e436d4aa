"""Network analysis: leaders, cells, key players, territories, timelines."""
