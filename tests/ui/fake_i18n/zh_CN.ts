<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>uidemo</name>
    <message><source>Field service</source><translation>现场服务</translation></message>
    <message><source>Tickets</source><translation>工单</translation></message>
    <message><source>Administration</source><translation>管理</translation></message>
    <message><source>Broken page</source><translation>损坏的页面</translation></message>
    <message><source>Open incidents by city</source><translation>各城市未关闭事件</translation></message>
    <message><source>Opened and resolved</source><translation>新建与已解决</translation></message>
    <message><source>Broken chart</source><translation>损坏的图表</translation></message>
    <message><source>Maximum items</source><translation>最多条目数</translation></message>
    <message><source>Recalculate</source><translation>重新计算</translation></message>
    <message><source>New ticket</source><translation>新建工单</translation></message>
</context>
</TS>
