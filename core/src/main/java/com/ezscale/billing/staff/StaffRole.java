package com.ezscale.billing.staff;

/** What a staff member may do in the portal: finance (reports, payments, credit notes) or admin (jobs, staff, the book). */
public enum StaffRole {
    FINANCE,
    ADMIN
}
