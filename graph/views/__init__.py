"""claimgraph.graph.views"""
