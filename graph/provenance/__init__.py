"""claimgraph.graph.provenance"""
