package com.ezscale.billing.portal.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * No rewriting of the pages' links through the resource chain. The chain is on because of the
 * webjars locator (it serves {@code /webjars/htmx.org/dist/htmx.min.js} from the jar's versioned
 * path when the browser asks), but the filter Boot adds with it passed every link of every page
 * through the resource resolvers, to rewrite URLs we never version: a tenth of a list page's CPU.
 * This disabled registration takes its place.
 */
@Configuration(proxyBeanMethods = false)
public class ResourceUrls {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
