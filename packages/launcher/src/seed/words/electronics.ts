// Phones, computers and appliances of the demo catalog.
import type { TopCategory } from "./types.ts";

const warranty = {
  key: ["保修", "Warranty"],
  values: [
    ["1年", "1 year"],
    ["2年", "2 years"],
  ],
} as const;

export const electronics: TopCategory[] = [
  {
    name: ["手机数码", "Phones & Digital"],
    attribute: warranty,
    leaves: [
      {
        name: ["手机", "Phones"],
        axes: ["colour", "storage"],
        price: [1999, 7999],
        items: {
          zh: ["华为|Mate 60 Pro 手机", "小米|14 Ultra 5G手机", "荣耀|Magic6 Pro 手机", "OPPO|Find X7 手机", "vivo|X100 Pro 影像手机"],
          en: ["Apple|iPhone 15", "Samsung|Galaxy S24", "Google|Pixel 8 Pro", "OnePlus|12 Smartphone", "Apple|iPhone 15 Pro Max"],
        },
      },
      {
        name: ["平板电脑", "Tablets"],
        axes: ["colour", "storage"],
        price: [1499, 8999],
        items: {
          zh: ["华为|MatePad Pro 13.2 平板电脑", "小米|平板6 Max 平板电脑", "荣耀|平板9 学习平板", "联想|小新Pad Pro 平板电脑"],
          en: ["Apple|iPad Air 11-inch", "Apple|iPad Pro 13-inch", "Samsung|Galaxy Tab S9", "Microsoft|Surface Pro 9"],
        },
      },
      {
        name: ["耳机音响", "Headphones & Audio"],
        axes: ["colour"],
        price: [199, 2999],
        items: {
          zh: ["华为|FreeBuds Pro 3 无线耳机", "漫步者|W820NB 头戴式降噪耳机", "小米|蓝牙音箱 Pro", "索尼|WH-1000XM5 降噪耳机"],
          en: ["Apple|AirPods Pro (2nd generation)", "Bose|QuietComfort Ultra Headphones", "JBL|Flip 6 Bluetooth Speaker", "Sony|WF-1000XM5 Wireless Earbuds"],
        },
      },
      {
        name: ["智能手表", "Smartwatches"],
        axes: ["colour", "caseSize"],
        price: [299, 3999],
        items: {
          zh: ["华为|Watch GT 4 智能手表", "小米|Watch S3 智能手表", "华为|手环 8 运动手环", "佳明|Forerunner 265 跑步手表"],
          en: ["Apple|Watch Series 9", "Samsung|Galaxy Watch6", "Garmin|Venu 3 Smartwatch", "Fitbit|Charge 6 Fitness Tracker"],
        },
      },
    ],
  },
  {
    name: ["电脑办公", "Computers & Office"],
    attribute: warranty,
    leaves: [
      {
        name: ["笔记本电脑", "Laptops"],
        axes: ["colour", "config"],
        price: [3999, 14999],
        items: {
          zh: ["联想|小新 Pro 16 笔记本电脑", "华为|MateBook X Pro 笔记本电脑", "小米|RedmiBook Pro 15 笔记本", "华硕|无畏 Pro14 轻薄笔记本"],
          en: ["Apple|MacBook Air 13-inch M3", "Dell|XPS 13 Laptop", "HP|Spectre x360 14 Laptop", "Lenovo|ThinkPad X1 Carbon"],
        },
      },
      {
        name: ["显示器", "Monitors"],
        axes: ["screen"],
        price: [899, 4999],
        items: {
          zh: ["戴尔|U2723QE 4K 显示器", "小米|Redmi 显示器 A27", "三星|玄龙骑士 电竞显示器", "AOC|Q27G2S 2K 显示器"],
          en: ["LG|UltraGear Gaming Monitor", "Dell|UltraSharp 4K Monitor", "BenQ|PD2705U Designer Monitor", "Samsung|Odyssey G5 Curved Monitor"],
        },
      },
      {
        name: ["键盘鼠标", "Keyboards & Mice"],
        axes: ["colour"],
        price: [99, 899],
        items: {
          zh: ["罗技|MX Master 3S 无线鼠标", "雷蛇|黑寡妇蜘蛛 机械键盘", "小米|无线键鼠套装", "达尔优|EK87 机械键盘"],
          en: ["Logitech|MX Keys Wireless Keyboard", "Keychron|K2 Mechanical Keyboard", "Razer|DeathAdder V3 Gaming Mouse", "Apple|Magic Mouse"],
        },
      },
    ],
  },
  {
    name: ["家用电器", "Home Appliances"],
    attribute: warranty,
    leaves: [
      {
        name: ["厨房电器", "Kitchen Appliances"],
        axes: ["colour", "capacity"],
        price: [199, 2999],
        items: {
          zh: ["美的|智能预约 电饭煲", "九阳|破壁料理机", "苏泊尔|空气炸锅", "小熊|陶瓷 电炖锅", "美的|变频 微波炉"],
          en: [
            "Philips|Airfryer XXL",
            "Breville|Barista Express Espresso Machine",
            "Ninja|Professional Blender",
            "KitchenAid|Artisan Stand Mixer",
            "Tefal|Express Kettle",
          ],
        },
      },
      {
        name: ["生活电器", "Household Appliances"],
        axes: ["colour"],
        price: [299, 4999],
        items: {
          zh: ["戴森|V12 无线吸尘器", "石头|G20 扫地机器人", "美的|空气净化器", "飞利浦|声波 电动牙刷"],
          en: ["Dyson|Supersonic Hair Dryer", "iRobot|Roomba j7+ Robot Vacuum", "Xiaomi|Smart Air Purifier 4", "Philips|Sonicare Electric Toothbrush"],
        },
      },
    ],
  },
];
