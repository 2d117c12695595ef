"""placeholder until ASR fixtures land"""
