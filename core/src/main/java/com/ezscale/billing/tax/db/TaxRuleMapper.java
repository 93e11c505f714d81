package com.ezscale.billing.tax.db;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;

/** TODO */
@Mapper
public interface TaxRuleMapper {

    List<TaxRuleRow> selectTaxRules();
}
