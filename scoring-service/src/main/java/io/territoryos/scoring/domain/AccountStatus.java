package io.territoryos.scoring.domain;

/** Lifecycle status of an account; a CHURNED account has potential 0. */
public enum AccountStatus { PROSPECT, CUSTOMER, CHURNED }
