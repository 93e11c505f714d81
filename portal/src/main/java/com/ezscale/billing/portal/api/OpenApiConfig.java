package com.ezscale.billing.portal.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's OpenAPI description (springdoc, from the controllers), served at /api/v1/openapi.json. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI ezscaleApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("EZSCALE Billing API")
                        .version("v1")
                        .description("A customer's invoices, services and usage (customer tokens, scopes read, billing,"
                                + " webhooks), and job control and reports (staff tokens). Errors are RFC 9457 Problem"
                                + " Details; amounts are strings at their currency's scale."))
                .components(new Components()
                        .addSecuritySchemes(
                                "token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("ezk_... from the portal's API tokens page (shown once)")));
    }
}
