package com.ezscale.billing.portal.security;

import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.staff.StaffAccounts;
import org.springframework.stereotype.Component;

/**
 * One login form for staff and customers: a login with an {@code @} is a customer's e-mail (staff
 * usernames never have one), anything else a staff username. Each step is recorded in the history
 * of its kind.
 */
@Component
public class Logins {

    private final StaffAccounts staff;
    private final CustomerAccounts customers;

    public Logins(StaffAccounts staff, CustomerAccounts customers) {
        this.staff = staff;
        this.customers = customers;
    }

    public static boolean isCustomer(String login) {
        return login != null && login.contains("@");
    }

    public void record(String login, String address, String outcome) {
        if (isCustomer(login)) {
            customers.recordLogin(login, address, outcome);
        } else {
            staff.recordLogin(login, address, outcome);
        }
    }
}
