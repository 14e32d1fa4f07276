"""claimgraph.graph.store"""
