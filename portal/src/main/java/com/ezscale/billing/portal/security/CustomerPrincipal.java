package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.account.db.CustomerUser;
import java.io.Serializable;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A customer's login in the session: which customer it acts for (every customer route reads only
 * that customer's rows) and with which role. Its name is the e-mail.
 */
public record CustomerPrincipal(long userId, long customerId, String email, String name, CustomerRole role)
        implements Principal, Serializable {

    public static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";
    /** Invoices, credit notes, payments: owners and billing contacts. */
    public static final String BILLING = "CUSTOMER_BILLING";
    /** The customer's logins: owners. */
    public static final String OWNER = "CUSTOMER_OWNER";

    public static CustomerPrincipal of(CustomerUser user) {
        return new CustomerPrincipal(user.id(), user.customerId(), user.email(), user.name(), user.role());
    }

    @Override
    public String getName() {
        return email;
    }

    /** The actor an audited action of this login is recorded as. */
    public String actor() {
        return "customer:" + email;
    }

    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ROLE_CUSTOMER));
        if (role.seesBilling()) {
            authorities.add(new SimpleGrantedAuthority(BILLING));
        }
        if (role.managesLogins()) {
            authorities.add(new SimpleGrantedAuthority(OWNER));
        }
        return authorities;
    }
}
