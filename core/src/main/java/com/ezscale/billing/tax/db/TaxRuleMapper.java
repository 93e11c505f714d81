package com.ezscale.billing.tax.db;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** TODO */
@Mapper
public interface TaxRuleMapper {

    List<TaxRuleRow> selectTaxRules();
}
