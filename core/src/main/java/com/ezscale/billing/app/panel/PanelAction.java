package com.ezscale.billing.app.panel;

public enum PanelAction {
    SUSPEND,
    UNSUSPEND,
    TERMINATE
}
