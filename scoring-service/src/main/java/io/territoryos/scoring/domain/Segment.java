package io.territoryos.scoring.domain;

/** Market segment of an account; each has its own tier threshold. */
public enum Segment { SMB, MID_MARKET, ENTERPRISE }
