package com.ezscale.billing.catalog;

public enum ProductKind {
    VPS,
    DEDICATED,
    WEB_HOSTING,
    GAME_SERVER,
    TRANSIT,
    OTHER
}
