"""Application services: use cases that combine storage with the engines (analysis, ASR, workflow)."""
