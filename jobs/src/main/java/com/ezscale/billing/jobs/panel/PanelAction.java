package com.ezscale.billing.jobs.panel;

public enum PanelAction {
    SUSPEND, UNSUSPEND, TERMINATE
}
