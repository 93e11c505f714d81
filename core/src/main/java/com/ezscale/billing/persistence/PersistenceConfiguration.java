package com.ezscale.billing.persistence;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.annotation.MapperScan;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * MyBatis set-up shared by every application: the mappers of all features, the currency and
 * instant type handlers, and a second, batching session for Batch chunks (whose reads and writes must share one
 * executor type inside a chunk's transaction).
 */
@Configuration(proxyBeanMethods = false)
@MapperScan(
        basePackages = "com.ezscale.billing",
        annotationClass = Mapper.class,
        sqlSessionTemplateRef = "sqlSessionTemplate")
public class PersistenceConfiguration {

    public static final String BATCH_SESSION = "batchSqlSessionTemplate";

    @Bean
    ConfigurationCustomizer billingMyBatisCustomizer() {
        return configuration -> {
            configuration.getTypeHandlerRegistry().register(CurrencyTypeHandler.class);
            configuration.getTypeHandlerRegistry().register(InstantTypeHandler.class);
            configuration.setMapUnderscoreToCamelCase(true);
            configuration.setDefaultFetchSize(1000);
        };
    }

    @Bean
    @Primary
    SqlSessionTemplate sqlSessionTemplate(SqlSessionFactory sqlSessionFactory) {
        return new SqlSessionTemplate(sqlSessionFactory);
    }

    /** {@code LOAD DATA LOCAL} where the driver and server allow it (the invoice run's drafts, lines and taxes). */
    @Bean
    BulkLoad bulkLoad() {
        return new BulkLoad();
    }

    @Bean(name = BATCH_SESSION)
    SqlSessionTemplate batchSqlSessionTemplate(SqlSessionFactory sqlSessionFactory) {
        return new SqlSessionTemplate(sqlSessionFactory, ExecutorType.BATCH);
    }
}
