<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>spares</name>
    <message>
        <source>All parts</source>
        <translation>全部备件</translation>
    </message>
    <message>
        <source>Defective return due after (days)</source>
        <translation>坏件返还期限（天）</translation>
    </message>
    <message>
        <source>Delivery note or purchase order number.</source>
        <translation>送货单号或采购订单号。</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>库房</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>有库存</translation>
    </message>
    <message>
        <source>Issuing a return-required part expects the defective part back within this many days.</source>
        <translation>发出需返还的备件后，坏件须在这么多天内返回。</translation>
    </message>
    <message>
        <source>Latest moves</source>
        <translation>最近的出入库</translation>
    </message>
    <message>
        <source>Maintain parts and record stock moves</source>
        <translation>维护备件并记录出入库</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No part matches.</source>
        <translation>没有匹配的备件。</translation>
    </message>
    <message>
        <source>Nowhere</source>
        <translation>无库存</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有量</translation>
    </message>
    <message>
        <source>On hand by location</source>
        <translation>各库位现有量</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>无库存</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <source>Part number</source>
        <translation>备件号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Receive stock</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Receive stock…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>关联单号</translation>
    </message>
    <message>
        <source>Return required</source>
        <translation>需返还</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Serialized</source>
        <translation>序列号管理</translation>
    </message>
    <message>
        <source>Serialized parts are received one serial at a time.</source>
        <translation>序列号管理的备件每次入库一个序列号。</translation>
    </message>
    <message>
        <source>Spare parts</source>
        <translation>备件管理</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock value by depot</source>
        <translation>各库房库存金额</translation>
    </message>
    <message>
        <source>This part no longer exists.</source>
        <translation>该备件已不存在。</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>View parts and stock</source>
        <translation>查看备件和库存</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{count} parts</source>
        <translation>{count} 种备件</translation>
    </message>
</context>
</TS>
