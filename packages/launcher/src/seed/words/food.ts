// Fresh food, groceries and drinks of the demo catalog.
import type { TopCategory } from "./types.ts";

const origin = {
  key: ["产地", "Origin"],
  values: [
    ["山东", "Shandong"],
    ["云南", "Yunnan"],
    ["新疆", "Xinjiang"],
    ["海南", "Hainan"],
    ["新西兰", "New Zealand"],
    ["西班牙", "Spain"],
  ],
} as const;
const freshBrands = { zh: ["盒马鲜生", "本来生活", "每日优鲜"], en: ["Green Valley Farms", "Fresh Market", "Harvest Co."] };

export const food: TopCategory[] = [
  {
    name: ["生鲜", "Fresh Food"],
    attribute: origin,
    leaves: [
      {
        name: ["蔬菜", "Vegetables"],
        axes: ["pack"],
        price: [4.9, 29.9],
        brands: freshBrands,
        items: {
          zh: ["新鲜西红柿 500g", "有机黄瓜 500g", "山东大葱 1kg", "云南西兰花 500g", "农家土豆 2.5kg"],
          en: ["Organic Carrots 1kg", "Baby Spinach 200g", "Cherry Tomatoes 500g", "Sweet Potatoes 1kg", "Tenderstem Broccoli 200g"],
        },
      },
      {
        name: ["水果", "Fruit"],
        axes: ["pack"],
        price: [9.9, 99],
        brands: freshBrands,
        items: {
          zh: ["新疆阿克苏冰糖心苹果 2.5kg", "海南贵妃芒 1kg", "云南蓝莓 125g", "赣南脐橙 2.5kg", "烟台红富士苹果 1.5kg"],
          en: ["Organic Bananas 1kg", "New Zealand Kiwifruit 1kg", "Chilean Cherries 500g", "Hass Avocados (4)", "Seedless Red Grapes 500g"],
        },
      },
      {
        name: ["肉禽蛋", "Meat & Eggs"],
        axes: ["pack"],
        price: [19.9, 199],
        brands: freshBrands,
        items: {
          zh: ["内蒙古羔羊肉卷 500g", "黑猪五花肉 500g", "散养土鸡蛋 30枚", "澳洲谷饲牛排 200g"],
          en: ["Free-Range Eggs (12)", "Chicken Breast Fillets 1kg", "Australian Wagyu Steak 250g", "Pork Sausages 400g"],
        },
      },
      {
        name: ["海鲜", "Seafood"],
        axes: ["pack"],
        price: [29.9, 299],
        brands: freshBrands,
        items: {
          zh: ["阳澄湖大闸蟹 4只装", "厄瓜多尔白虾 1kg", "挪威三文鱼刺身 300g", "舟山带鱼段 500g"],
          en: ["Atlantic Salmon Fillets 500g", "King Prawns 400g", "Hokkaido Scallops 300g", "Cod Loins 400g"],
        },
      },
    ],
  },
  {
    name: ["食品饮料", "Food & Drinks"],
    attribute: origin,
    leaves: [
      {
        name: ["零食", "Snacks"],
        axes: ["flavour"],
        price: [9.9, 99],
        items: {
          zh: ["三只松鼠|每日坚果 750g", "良品铺子|猪肉脯 200g", "百草味|芒果干 120g", "卫龙|大面筋 辣条"],
          en: ["Pringles|Potato Crisps 165g", "KIND|Dark Chocolate Nuts Bars (12)", "Lay's|Potato Chips 184g", "Oreo|Chocolate Sandwich Cookies"],
        },
      },
      {
        name: ["茶叶", "Tea"],
        axes: ["pack"],
        price: [49, 999],
        items: {
          zh: ["狮峰|西湖龙井 明前特级 250g", "武夷星|大红袍 岩茶 125g", "大益|普洱熟茶饼 357g", "八马|安溪铁观音 250g"],
          en: ["Twinings|English Breakfast Tea (100 bags)", "Lipton|Yellow Label Tea", "Harney & Sons|Earl Grey Supreme", "TWG|1837 Black Tea"],
        },
      },
      {
        name: ["咖啡", "Coffee"],
        axes: ["pack"],
        price: [39, 299],
        items: {
          zh: ["三顿半|精品速溶咖啡 24颗", "瑞幸|挂耳咖啡 10袋", "永璞|冷萃咖啡液", "隅田川|意式浓缩咖啡豆 454g"],
          en: [
            "Lavazza|Qualità Oro Coffee Beans 1kg",
            "Nespresso|Original Capsules (50)",
            "Starbucks|Pike Place Ground Coffee",
            "Illy|Classico Espresso Ground Coffee",
          ],
        },
      },
      {
        name: ["粮油调味", "Pantry"],
        axes: ["pack"],
        price: [9.9, 149],
        items: {
          zh: ["金龙鱼|东北大米 5kg", "福临门|花生油 5L", "海天|生抽酱油 1.28L", "李锦记|蚝油 510g"],
          en: ["Barilla|Spaghetti No.5 500g", "Heinz|Tomato Ketchup 910g", "Filippo Berio|Extra Virgin Olive Oil 1L", "Tilda|Basmati Rice 1kg"],
        },
      },
    ],
  },
];
