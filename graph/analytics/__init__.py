"""claimgraph.graph.analytics"""
